#!/bin/sh
grep ether | awk '{print $2}'
