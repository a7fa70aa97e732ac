#!/bin/sh
# /usr/bin/confidant: start the bundled app in /opt/confidant (installed by the confidant package).
exec /opt/confidant/confidant "$@"
