"""Integrations with other tools, each behind an optional extra.

- ``cleanarticle.contrib.scrapy``: ``CleanArticlePipeline``, a Scrapy item pipeline
  (``pip install 'cleanarticle[scrapy]'``).
- ``cleanarticle.contrib.dask``: ``clean_bag`` and ``clean_dataframe_column`` for Dask
  bags and data frames (``pip install 'cleanarticle[dask]'``).

Importing a module whose extra is missing raises ``MissingExtraError`` (an
``ImportError``) that names the extra to install.
"""
