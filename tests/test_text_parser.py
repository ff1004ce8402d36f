"""The plain-text article parser."""

from __future__ import annotations

from pathlib import Path

from newscli.clean import CleanOptions, clean_article
from newscli.model import Article
from newscli.parsers.text import parse_text
from newscli.sources import Source

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ar-school-year.txt"


def _parse(text: str) -> Article:
    """Parse a text given as a string."""
    return parse_text(Source(name="t.txt", data=text.encode("utf-8")))


def test_arabic_sample_gives_title_author_site_and_highlights() -> None:
    """Headline -> title, byline -> authors/sitename, bullets -> highlights (no cleaning needed)."""
    article = parse_text(Source(name=str(SAMPLE), data=SAMPLE.read_bytes()))
    assert article.title == "وزارة التربية تعلن موعد بدء العام الدراسي الجديد"
    assert article.authors == ["محمود فؤاد"]
    assert article.sitename == "صوت المدينة"
    assert article.highlights == [
        "العام الدراسي يبدأ في الأسبوع الأول من سبتمبر",
        "توزيع الكتب المدرسية قبل بدء الدراسة بأسبوعين",
        "تعيين ثلاثة آلاف معلم جديد في المدارس الحكومية",
    ]


def test_arabic_sample_parsed_then_cleaned_loses_related_notice_and_comment_form() -> None:
    """parse_text + clean_article: the text keeps the four article paragraphs and nothing else."""
    article = clean_article(parse_text(Source(name=str(SAMPLE), data=SAMPLE.read_bytes())), CleanOptions())
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("أعلنت وزارة التربية والتعليم اليوم")
    assert paragraphs[-1].startswith("كما أشار إلى أن أعمال صيانة المباني")
    for gone in ("اقرأ |", "تمت ترجمة", "اترك تعليقاً", "لن يتم نشر"):
        assert gone not in article.text
    assert article.title == "وزارة التربية تعلن موعد بدء العام الدراسي الجديد"
    assert article.authors == ["محمود فؤاد"]
    assert article.sitename == "صوت المدينة"
    assert len(article.highlights) == 3


def test_text_given_as_string_is_used_instead_of_bytes() -> None:
    """The dispatcher's decoded text wins over the source bytes."""
    article = parse_text(Source(name="x", data=b"ignored"), "Title\n\nBody line.")
    assert (article.title, article.text) == ("Title", "Body line.")


def test_english_byline_and_dash_bullets() -> None:
    """A Latin byline and "-" bullets are recognised too."""
    article = _parse("Bridge reopens\nBy Ann Lee and Bo Chen\n\n- Traffic resumes\n- Tolls waived\n\nIt is.")
    assert article.authors == ["Ann Lee", "Bo Chen"]
    assert article.highlights == ["Traffic resumes", "Tolls waived"]
    assert article.text == "It is."


def test_hard_wrapped_paragraph_is_joined() -> None:
    """Prose wrapped at a fixed width becomes one paragraph; short separate lines stay apart."""
    body = (
        "Title\n\nThe council met on Monday evening to discuss the plan for the\n"
        "new harbour bridge and agreed to fund it.\nShort line.\nAnother."
    )
    article = _parse(body)
    assert article.text == (
        "The council met on Monday evening to discuss the plan for the new harbour bridge"
        " and agreed to fund it.\n\nShort line.\n\nAnother."
    )


def test_no_byline_leaves_authors_empty() -> None:
    """Unknown authors stay empty, never guessed."""
    article = _parse("Headline\nThe minister said on Monday that taxes would fall.\n")
    assert article.authors == []
    assert article.sitename is None
    assert article.text == "The minister said on Monday that taxes would fall."
