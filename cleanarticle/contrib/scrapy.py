"""``CleanArticlePipeline``: a Scrapy item pipeline that cleans each item's text or HTML.

Enable it in the project's settings::

    ITEM_PIPELINES = {"cleanarticle.contrib.scrapy.CleanArticlePipeline": 300}

Settings (all optional):

==============================  ========================  ===================================
setting                         default                   meaning
==============================  ========================  ===================================
``CLEANARTICLE_ENABLED``        ``True``                  ``False`` turns the pipeline off
``CLEANARTICLE_HTML_FIELD``     ``"html"``                HTML to clean (str or bytes)
``CLEANARTICLE_TEXT_FIELD``     ``"text"``                scraped text, used when no HTML
``CLEANARTICLE_URL_FIELD``      ``"url"``                 the page's address
``CLEANARTICLE_OUTPUT_FIELD``   ``"cleanarticle"``        where the result goes; ``""``: one
                                                          field per result key (headline,
                                                          standfirst, body, ...)
``CLEANARTICLE_ERROR_FIELD``    ``"cleanarticle_error"``  why an item could not be cleaned
``CLEANARTICLE_KEEP``           ``[]``                    categories not to remove
``CLEANARTICLE_LANGUAGE``       ``None``                  force a language
==============================  ========================  ===================================

An item that cannot be cleaned is logged and passed on with the reason in the error
field: the pipeline never drops an item. ``scrapy.Item`` classes must declare the
fields the pipeline writes. Cleaning takes some milliseconds a page on the crawl's
thread; for very large crawls, store the pages and run ``cleanarticle batch`` after.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, Final

from ..config import CleanConfig
from ..extras import require
from ..records import clean_record, failure_reason, result_record

_itemadapter = require("itemadapter", "scrapy")
_exceptions = require("scrapy.exceptions", "scrapy")

logger = logging.getLogger(__name__)

#: Crawl stats the pipeline keeps (``crawler.stats``).
STAT_CLEANED: Final = "cleanarticle/cleaned"
STAT_FAILED: Final = "cleanarticle/failed"


class CleanArticlePipeline:
    """Clean ``item[html_field]`` (or ``item[text_field]``) into ``item[output_field]``.

    Args:
        html_field: the field holding HTML; preferred when present and not empty.
        text_field: the field holding scraped text.
        url_field: the field holding the page's address.
        output_field: the field for ``result_record(result)``; empty: one field per key.
        error_field: the field for the reason an item failed (``None`` when it did not).
        config: cleaning options.
        stats: a Scrapy stats collector, or ``None``.
    """

    def __init__(
        self,
        *,
        html_field: str | None = "html",
        text_field: str | None = "text",
        url_field: str | None = "url",
        output_field: str = "cleanarticle",
        error_field: str = "cleanarticle_error",
        config: CleanConfig | None = None,
        stats: Any = None,
    ) -> None:
        self.html_field = html_field or None
        self.text_field = text_field or None
        self.url_field = url_field or None
        self.output_field = output_field
        self.error_field = error_field
        self.config = config or CleanConfig()
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanArticlePipeline:
        """Build the pipeline from the crawler's ``CLEANARTICLE_*`` settings.

        Raises:
            NotConfigured: ``CLEANARTICLE_ENABLED`` is false.
            CleanArticleError: an unknown category in ``CLEANARTICLE_KEEP``, or an
                unsupported ``CLEANARTICLE_LANGUAGE``.
        """
        settings = crawler.settings
        if not settings.getbool("CLEANARTICLE_ENABLED", True):
            raise _exceptions.NotConfigured("CLEANARTICLE_ENABLED is off")
        config = CleanConfig(
            keep=frozenset(_as_list(settings.getlist("CLEANARTICLE_KEEP", []))),
            language=settings.get("CLEANARTICLE_LANGUAGE") or None,
        )
        return cls(
            html_field=settings.get("CLEANARTICLE_HTML_FIELD", "html"),
            text_field=settings.get("CLEANARTICLE_TEXT_FIELD", "text"),
            url_field=settings.get("CLEANARTICLE_URL_FIELD", "url"),
            output_field=settings.get("CLEANARTICLE_OUTPUT_FIELD", "cleanarticle") or "",
            error_field=settings.get("CLEANARTICLE_ERROR_FIELD", "cleanarticle_error"),
            config=config,
            stats=getattr(crawler, "stats", None),
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Add the result (or the error) to ``item`` and return it; never drops it.

        ``spider`` is accepted for Scrapy versions that pass it.
        """
        del spider
        adapter = _itemadapter.ItemAdapter(item)
        try:
            result = clean_record(
                adapter,
                text_field=self.text_field,
                html_field=self.html_field,
                url_field=self.url_field,
                config=self.config,
            )
        except Exception as err:  # one bad page must not stop the crawl or lose the item
            reason = failure_reason(err)
            url = adapter.get(self.url_field) if self.url_field else None
            logger.warning("cleanarticle: cannot clean item %s: %s", url or "", reason)
            self._inc(STAT_FAILED)
            self._store(adapter, {self.error_field: reason})
            return item
        fields = result_record(result)
        values: dict[str, Any] = {self.output_field: fields} if self.output_field else fields
        values[self.error_field] = None
        self._inc(STAT_CLEANED)
        self._store(adapter, values)
        return item

    def _store(self, adapter: Any, values: dict[str, Any]) -> None:
        for name, value in values.items():
            try:
                adapter[name] = value
            except KeyError:  # a scrapy.Item without this field declared
                logger.error(
                    "cleanarticle: %s has no field %r; declare it (%s = scrapy.Field()) "
                    "to receive the pipeline's output",
                    type(adapter.item).__name__,
                    name,
                    name,
                )

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)


def _as_list(value: Iterable[str] | str) -> list[str]:
    # Scrapy's getlist splits a comma-separated string setting; accept either form.
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part).strip() for part in value]
