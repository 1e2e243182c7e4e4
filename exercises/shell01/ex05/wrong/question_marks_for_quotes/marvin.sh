#!/bin/sh
cat ?\\\?\$\*\'MaRViN\'\*\$\?\\?
