"""Page renderers: each module turns the site model into the Markdown source of its pages."""
