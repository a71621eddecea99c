#!/bin/sh
arr=(a b); echo "${#arr[@]} items for ${{ values.name }}"
