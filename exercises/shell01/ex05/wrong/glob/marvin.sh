#!/bin/sh
cat *MaRViN*
