#!/bin/sh
echo "starting payments"
