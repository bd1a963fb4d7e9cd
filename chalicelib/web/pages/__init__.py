"""One module per group of pages; importing chalicelib.web.site registers them all."""
