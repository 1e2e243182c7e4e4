#!/bin/sh
sed -n 'p;n'
