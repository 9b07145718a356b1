"""Making a new site, vacancy or story to fill in (make new-site, new-vacancy, new-story)."""
