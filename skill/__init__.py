"""Close Together: the web seam, skill builder, settings, verification and store."""
