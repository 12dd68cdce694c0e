from __future__ import annotations

import pytest

from rasd.extract.boilerplate import BoilerplateClassifier

CLF = BoilerplateClassifier()


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("تنويه: جميع المقالات المنشورة تمثل رأي كتابها فقط", "disclaimer"),
        ("المقالات المنشورة لا تعبر بالضرورة عن رأي الموقع", "disclaimer"),
        ("Read our Privacy Policy by clicking here", "privacy"),
        ("يستخدم موقعنا ملفات تعريف الارتباط لتحسين تجربتك", "cookie"),
        ("Ce site utilise des cookies", "cookie"),
        ("اطلع على سياسة الخصوصية الخاصة بنا", "privacy"),
        ("شارك هذا المقال", "share"),
        ("تابعونا على تليغرام", "follow"),
        ("اشترك في النشرة البريدية ليصلك كل جديد", "newsletter"),
        ("مواضيع ذات صلة", "related"),
        ("الرئيسية » أخبار » اقتصاد", "nav"),
        ("جميع الحقوق محفوظة لموقع الخبر 2024", "copyright"),
        ("أضف تعليقك", "comments"),
        (", ,", "separator"),
        ("-------", "separator"),
        ("Close", "nav"),
        ("www.example.com", "link"),
    ],
)
def test_boilerplate_kinds(line: str, kind: str) -> None:
    assert CLF.classify(line).kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "أجرى الرئيس الروسي فلاديمير بوتين اتصالًا هاتفيًا السبت بنظيره الايراني ابراهيم رئيسي.",
        # Prose that mentions a social network or cookies is news, not furniture.
        "وقالت الشركة إن فيسبوك سيغير سياسته تجاه الإعلانات السياسية في المنطقة خلال الأشهر المقبلة.",
        "وأعلنت الهيئة الأوروبية لحماية البيانات أنها ستفرض غرامات على المواقع التي تجمع ملفات تعريف الارتباط دون موافقة المستخدمين، في خطوة هي الأولى من نوعها.",
        "بوتين يهاتف رئيسي.. والتحالف الاستراتيجي بين بلديهما يرسي قواعده",
    ],
)
def test_boilerplate_leaves_article_lines_alone(line: str) -> None:
    assert CLF.classify(line).kind is None
