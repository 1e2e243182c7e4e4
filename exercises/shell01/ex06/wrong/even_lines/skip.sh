#!/bin/sh
ls -l | sed -n 'n;p'
