#!/bin/sh
cat "\"\\?\$*'MaRViN'*\$?\\\""
