#!/bin/sh
echo "deploying ${{ values.name }}"
