#!/bin/sh
echo run --fast
