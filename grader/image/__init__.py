"""The sandbox image definition (Dockerfile, packages.txt, setup.sh) and its builder."""
