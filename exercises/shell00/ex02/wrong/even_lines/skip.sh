#!/bin/sh
sed -n 'n;p'
