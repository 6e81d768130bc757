"""Putting the built site on the county's web server: releases in a web root, switched at once."""
