#!/bin/sh
echo "starting ${{ values.name }}"
