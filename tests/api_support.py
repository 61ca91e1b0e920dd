"""Shared material for the API and web tests: short Persian articles written for these tests (not taken from
any corpus), including hostile ones, and helpers to build an app over a temporary SQLite store."""
from __future__ import annotations

from pathlib import Path
from typing import Any

TOKEN = "test-token-7f3a"

ARTICLES: list[dict[str, Any]] = [
    {
        "text": (
            "دیدار دبیر شورای عالی امنیت ملی با فرستاده روسیه\n\n"
            "تهران - خبرنگار ما: علی شمخانی دبیر شورای عالی امنیت ملی روز سه‌شنبه در تهران با الکساندر "
            "لاورنتیف فرستاده ویژه رئیس‌جمهور روسیه دیدار و گفت‌وگو کرد.\n"
            "شمخانی در این دیدار گفت: «ایران از هر ابتکاری که به ثبات سوریه کمک کند حمایت می‌کند.»\n"
            "لاورنتیف نیز گفت که مسکو از روند سیاسی در سوریه حمایت می‌کند."
        ),
        "meta": {"source": "test-agency", "published": "2023-04-09", "title": "دیدار شمخانی و لاورنتیف",
                 "url": "https://example.org/news/1"},
    },
    {
        "text": (
            "سفر وزیر امور خارجه به مسکو\n\n"
            "حسین امیرعبداللهیان وزیر امور خارجه ایران روز دوشنبه وارد مسکو شد و با سرگئی لاوروف وزیر خارجه "
            "روسیه دیدار کرد.\n"
            "امیرعبداللهیان گفت: «همکاری ایران و روسیه به سود منطقه است.»"
        ),
        "meta": {"source": "test-agency", "published": "2023-05-15", "title": "سفر امیرعبداللهیان به مسکو"},
    },
    {
        "text": (
            "نشست اقتصادی در اصفهان\n\n"
            "استاندار اصفهان در نشست شورای اداری استان گفت: «اشتغال جوانان اولویت اصلی دولت است.»\n"
            "وی افزود که طرح‌های نیمه‌تمام استان تا پایان سال به بهره‌برداری می‌رسد."
        ),
        "meta": {"source": "other-site", "published": "2024-01-20", "title": "نشست اقتصادی اصفهان"},
    },
]

# An ingested page may carry markup and script in its TEXT: the page must show it as text, never run it.
MALICIOUS_TEXT = (
    "خبر آزمایشی <script>window.__khabarPwned = 1</script> درباره امنیت "
    "<img src=x onerror=\"window.__khabarPwned = 2\"> و <b>متن پررنگ</b> در تهران منتشر شد.\n"
    "علی شمخانی گفت: «<svg onload=\"window.__khabarPwned = 3\"></svg> امنیت منطقه مهم است.»"
)


def article_payload(article: dict[str, Any]) -> dict[str, Any]:
    return {"text": article["text"], "meta": dict(article["meta"])}


def ingest_all(client, token: str = TOKEN) -> list[int]:
    """Ingest the test articles and the malicious one through the API; returns their ids."""
    docs = [article_payload(a) for a in ARTICLES]
    docs.append({"text": MALICIOUS_TEXT, "meta": {"source": "hostile", "published": "2024-02-01",
                                                   "title": "<i>عنوان</i> <script>window.__khabarPwned=4</script>"}})
    response = client.post("/ingest", json={"documents": docs}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return response.json()["ids"]


def example_article() -> str:
    import khabar

    return (Path(khabar.__file__).parent / "resources" / "examples" / "shamkhani-meeting.txt").read_text("utf-8")
