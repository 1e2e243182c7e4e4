#!/bin/sh
cat "\"\?$*'MaRViN'*$?\""
