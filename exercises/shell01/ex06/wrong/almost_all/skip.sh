#!/bin/sh
ls -lA | sed -n 'p;n'
