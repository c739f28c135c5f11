"""Demo courses: one for staff on the anti-trafficking law, one for the community on
recruitment tricks and where to get help, each with a quiz, in Vietnamese with English
translations.

Legal statements use only facts marked seed or known in shared/facts.md. The staff course
teaches Law 53/2024/QH15, in force from 1/7/2025 (marked "check"), with the 2011 law as
history, and is therefore flagged `needs_review`: editors see why, the public a neutral
"being updated" note. Lesson durations come from the length of their text.
The hotline is never typed into a lesson: the hotline block shows the site setting."""

import math
import uuid

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.models import Locale, Page

from cms.core.models import HomePage
from elearning.progress.choices import ContentAudience

from .models import CourseIndexPage, CoursePage, LessonPage, QuizPage

NAMESPACE = uuid.UUID("5b0c2f6e-3a57-4c59-9d0e-2f1c8f6a7b10")


def block_id(*parts) -> str:
    # The same ids in both languages: an attempt made in one can be reviewed in the other.
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


INDEX = {
    "slug": "khoa-hoc",
    "vi": {
        "title": "Khóa học",
        "intro": "Những bài học ngắn, miễn phí: nhận biết thủ đoạn, hiểu pháp luật, biết tìm "
        "sự giúp đỡ.",
    },
    "en": {
        "title": "Courses",
        "intro": "Short, free lessons: recognise the tricks, understand the law, know where to "
        "get help.",
    },
}

# --- Staff course: the law ------------------------------------------------------------------

STAFF = {
    "slug": "phap-luat-phong-chong-mua-ban-nguoi",
    "audience": ContentAudience.STAFF,
    "pass_mark": 75,
    "gives_certificate": True,
    # Teaches Law 53/2024/QH15 and Decree 162/2025/NĐ-CP, marked "check" in the facts.
    "needs_review": True,
    "vi": {
        "title": "Pháp luật về phòng, chống mua bán người",
        "summary": "Các văn bản pháp luật chính về phòng, chống mua bán người và hai tội danh "
        "tại Điều 150 và Điều 151 Bộ luật Hình sự. Dành cho cán bộ các cơ quan tiến hành tố "
        "tụng; đạt bài kiểm tra để nhận chứng nhận.",
    },
    "en": {
        "title": "The law on preventing human trafficking",
        "summary": "The main legal texts on preventing human trafficking and the two offences "
        "of Articles 150 and 151 of the Criminal Code. For staff of prosecution agencies; pass "
        "the quiz to get a certificate.",
    },
}

STAFF_LESSONS = [
    {
        "slug": "van-ban-phap-luat",
        "vi": {
            "title": "Các văn bản pháp luật chính",
            "intro": "Luật, nghị định và quyết định làm nền tảng cho công tác phòng, chống mua "
            "bán người.",
            "paragraphs": [
                "<p>Luật Phòng, chống mua bán người hiện hành là Luật số <b>53/2024/QH15</b>, "
                "được Quốc hội thông qua ngày 28/11/2024 và có hiệu lực từ ngày 1/7/2025. Nghị "
                "định <b>162/2025/NĐ-CP</b> ngày 29/6/2025 quy định chi tiết Luật này.</p>",
                "<p>Quyết định <b>793/QĐ-TTg</b> ngày 10/5/2016 của Thủ tướng Chính phủ lấy ngày "
                "30/7 hằng năm là “Ngày toàn dân phòng, chống mua bán người”. Ngày 30/7 cũng là "
                "Ngày thế giới phòng, chống mua bán người của Liên Hợp Quốc (Nghị quyết "
                "A/RES/68/192 của Đại hội đồng, năm 2013).</p>",
                "<p><b>Lịch sử.</b> Trước ngày 1/7/2025, Luật Phòng, chống mua bán người số "
                "<b>66/2011/QH12</b> (thông qua ngày 29/3/2011, hiệu lực từ ngày 1/1/2012) được "
                "áp dụng. Nghị định <b>09/2013/NĐ-CP</b> quy định chi tiết thi hành một số điều "
                "của Luật năm 2011; Thông tư liên tịch <b>134/2013/TTLT-BTC-BLĐTBXH</b> hướng "
                "dẫn nội dung, mức chi cho công tác hỗ trợ nạn nhân quy định tại Nghị định "
                "09/2013/NĐ-CP.</p>",
            ],
            "heading": "Ghi nhớ",
            "points": [
                "Luật 53/2024/QH15: thông qua 28/11/2024, hiệu lực 1/7/2025 (luật hiện hành).",
                "Luật 66/2011/QH12 (hiệu lực 1/1/2012) được thay thế từ 1/7/2025.",
                "30/7 hằng năm: Ngày toàn dân phòng, chống mua bán người (793/QĐ-TTg).",
            ],
        },
        "en": {
            "title": "The main legal texts",
            "intro": "The law, decree and decision underpinning the prevention of human "
            "trafficking.",
            "paragraphs": [
                "<p>The law in force on preventing human trafficking is Law No. "
                "<b>53/2024/QH15</b>, passed by the National Assembly on 28/11/2024 and in force "
                "from 1/7/2025. Decree <b>162/2025/NĐ-CP</b> of 29/6/2025 details it.</p>",
                "<p>Decision <b>793/QĐ-TTg</b> of the Prime Minister, 10/5/2016, makes 30 July "
                "of each year the “National Day against Human Trafficking”. 30 July is also the "
                "United Nations' World Day against Trafficking in Persons (General Assembly "
                "resolution A/RES/68/192, 2013).</p>",
                "<p><b>History.</b> Before 1/7/2025, Law No. <b>66/2011/QH12</b> (passed "
                "29/3/2011, in force from 1/1/2012) applied. Decree <b>09/2013/NĐ-CP</b> detailed "
                "several articles of the 2011 law; Joint Circular "
                "<b>134/2013/TTLT-BTC-BLĐTBXH</b> guided the content and spending levels for "
                "victim support under Decree 09/2013/NĐ-CP.</p>",
            ],
            "heading": "Remember",
            "points": [
                "Law 53/2024/QH15: passed 28/11/2024, in force 1/7/2025 (the law in force).",
                "Law 66/2011/QH12 (in force 1/1/2012) was replaced from 1/7/2025.",
                "30 July each year: National Day against Human Trafficking (793/QĐ-TTg).",
            ],
        },
    },
    {
        "slug": "dieu-150-va-151-bo-luat-hinh-su",
        "vi": {
            "title": "Điều 150 và Điều 151 Bộ luật Hình sự",
            "intro": "Hai tội danh về mua bán người trong Bộ luật Hình sự.",
            "paragraphs": [
                "<p>Bộ luật Hình sự số <b>100/2015/QH13</b>, được sửa đổi, bổ sung bởi Luật số "
                "<b>12/2017/QH14</b>, quy định hai tội danh về mua bán người:</p>",
                "<ul><li><b>Điều 150</b> – Tội mua bán người;</li><li><b>Điều 151</b> – Tội mua "
                "bán người dưới 16 tuổi.</li></ul>",
                "<p>Khi xử lý một vụ việc, cần xác định tuổi của nạn nhân để áp dụng đúng điều "
                "luật: nạn nhân dưới 16 tuổi thuộc Điều 151.</p>",
            ],
            "heading": "Ghi nhớ",
            "points": [
                "Điều 150: Tội mua bán người.",
                "Điều 151: Tội mua bán người dưới 16 tuổi.",
                "Bộ luật Hình sự 100/2015/QH13, sửa đổi, bổ sung bởi Luật 12/2017/QH14.",
            ],
        },
        "en": {
            "title": "Articles 150 and 151 of the Criminal Code",
            "intro": "The two trafficking offences of the Criminal Code.",
            "paragraphs": [
                "<p>The Criminal Code No. <b>100/2015/QH13</b>, amended and supplemented by Law "
                "No. <b>12/2017/QH14</b>, sets out two trafficking offences:</p>",
                "<ul><li><b>Article 150</b> – trafficking in persons;</li><li><b>Article "
                "151</b> – trafficking in persons under 16 years of age.</li></ul>",
                "<p>When handling a case, establish the victim's age to apply the right "
                "article: a victim under 16 falls under Article 151.</p>",
            ],
            "heading": "Remember",
            "points": [
                "Article 150: trafficking in persons.",
                "Article 151: trafficking in persons under 16.",
                "Criminal Code 100/2015/QH13, amended by Law 12/2017/QH14.",
            ],
        },
    },
]


def tf(vi, en, answer, explanation_vi, explanation_en):
    return (
        "true_false",
        {"vi": vi, "en": en},
        answer,
        {"vi": explanation_vi, "en": explanation_en},
    )


def choice(kind, vi, en, options, explanation_vi, explanation_en):
    """options: [(vi, en, is_correct), ...]"""
    return (kind, {"vi": vi, "en": en}, options, {"vi": explanation_vi, "en": explanation_en})


STAFF_QUIZ = {
    "slug": "kiem-tra-phap-luat",
    "attempt_limit": None,
    "vi": {"title": "Bài kiểm tra: pháp luật", "intro": "10 câu hỏi. Đạt từ 75% để qua bài."},
    "en": {"title": "Quiz: the law", "intro": "10 questions. Score 75% or more to pass."},
    "questions": [
        choice(
            "single_choice",
            "Điều nào của Bộ luật Hình sự quy định Tội mua bán người?",
            "Which article of the Criminal Code sets out the offence of trafficking in persons?",
            [
                ("Điều 150", "Article 150", True),
                ("Điều 151", "Article 151", False),
                ("Điều 100", "Article 100", False),
                ("Điều 66", "Article 66", False),
            ],
            "Điều 150 Bộ luật Hình sự quy định Tội mua bán người.",
            "Article 150 of the Criminal Code sets out the offence of trafficking in persons.",
        ),
        choice(
            "single_choice",
            "Điều 151 Bộ luật Hình sự quy định tội gì?",
            "What offence does Article 151 of the Criminal Code set out?",
            [
                ("Tội mua bán người dưới 16 tuổi", "Trafficking in persons under 16", True),
                ("Tội mua bán người", "Trafficking in persons", False),
                ("Tội tổ chức đưa người ra nước ngoài", "Organising people to go abroad", False),
            ],
            "Điều 151 quy định Tội mua bán người dưới 16 tuổi.",
            "Article 151 sets out trafficking in persons under 16.",
        ),
        tf(
            "Bộ luật Hình sự số 100/2015/QH13 đã được sửa đổi, bổ sung bởi Luật số 12/2017/QH14.",
            "Criminal Code No. 100/2015/QH13 was amended and supplemented by Law No. 12/2017/QH14.",
            "true",
            "Đúng. Bộ luật Hình sự 2015 được sửa đổi, bổ sung năm 2017 bởi Luật 12/2017/QH14.",
            "True. The 2015 Criminal Code was amended in 2017 by Law 12/2017/QH14.",
        ),
        choice(
            "single_choice",
            "Luật Phòng, chống mua bán người hiện hành (số 53/2024/QH15) có hiệu lực từ ngày nào?",
            "From when is the law in force on preventing human trafficking (No. 53/2024/QH15) "
            "in force?",
            [
                ("1/7/2025", "1/7/2025", True),
                ("28/11/2024", "28/11/2024", False),
                ("1/1/2012", "1/1/2012", False),
                ("30/7/2016", "30/7/2016", False),
            ],
            "Luật được thông qua ngày 28/11/2024 và có hiệu lực từ ngày 1/7/2025, thay thế Luật "
            "66/2011/QH12.",
            "The law was passed on 28/11/2024 and is in force from 1/7/2025, replacing Law "
            "66/2011/QH12.",
        ),
        tf(
            "Luật 66/2011/QH12 được Quốc hội thông qua ngày 29/3/2011.",
            "Law 66/2011/QH12 was passed by the National Assembly on 29/3/2011.",
            "true",
            "Đúng. Ngày thông qua là 29/3/2011.",
            "True. It was passed on 29/3/2011.",
        ),
        choice(
            "single_choice",
            "Văn bản nào lấy ngày 30/7 hằng năm là “Ngày toàn dân phòng, chống mua bán người”?",
            "Which text makes 30 July each year the “National Day against Human Trafficking”?",
            [
                ("Quyết định 793/QĐ-TTg ngày 10/5/2016", "Decision 793/QĐ-TTg of 10/5/2016", True),
                ("Nghị định 09/2013/NĐ-CP", "Decree 09/2013/NĐ-CP", False),
                ("Luật 66/2011/QH12", "Law 66/2011/QH12", False),
            ],
            "Quyết định 793/QĐ-TTg ngày 10/5/2016 của Thủ tướng Chính phủ.",
            "Decision 793/QĐ-TTg of the Prime Minister, dated 10/5/2016.",
        ),
        tf(
            "Ngày 30/7 cũng là Ngày thế giới phòng, chống mua bán người của Liên Hợp Quốc.",
            "30 July is also the United Nations' World Day against Trafficking in Persons.",
            "true",
            "Đúng. Đại hội đồng Liên Hợp Quốc chọn ngày này theo Nghị quyết A/RES/68/192 (2013).",
            "True. The UN General Assembly chose it in resolution A/RES/68/192 (2013).",
        ),
        choice(
            "single_choice",
            "Văn bản nào quy định chi tiết thi hành một số điều của Luật phòng, chống mua bán "
            "người 2011?",
            "Which text details the implementation of several articles of the 2011 law?",
            [
                ("Nghị định 09/2013/NĐ-CP", "Decree 09/2013/NĐ-CP", True),
                ("Quyết định 793/QĐ-TTg", "Decision 793/QĐ-TTg", False),
                ("Luật 12/2017/QH14", "Law 12/2017/QH14", False),
            ],
            "Nghị định 09/2013/NĐ-CP quy định chi tiết thi hành một số điều của Luật.",
            "Decree 09/2013/NĐ-CP details the implementation of several articles of the law.",
        ),
        choice(
            "multiple_choice",
            "Những văn bản nào dưới đây là văn bản về phòng, chống mua bán người?",
            "Which of these texts are about preventing human trafficking?",
            [
                ("Luật 66/2011/QH12", "Law 66/2011/QH12", True),
                ("Nghị định 09/2013/NĐ-CP", "Decree 09/2013/NĐ-CP", True),
                ("Quyết định 793/QĐ-TTg", "Decision 793/QĐ-TTg", True),
                ("Bộ luật Lao động", "The Labour Code", False),
            ],
            "Ba văn bản đầu đều về phòng, chống mua bán người; Bộ luật Lao động thì không.",
            "The first three are about preventing trafficking; the Labour Code is not.",
        ),
        tf(
            "Nạn nhân 15 tuổi: vụ việc được xem xét theo Điều 151 Bộ luật Hình sự.",
            "A 15-year-old victim: the case is considered under Article 151 of the Criminal Code.",
            "true",
            "Đúng. Điều 151 là Tội mua bán người dưới 16 tuổi.",
            "True. Article 151 is trafficking in persons under 16.",
        ),
    ],
}

# --- Community course: tricks and help ------------------------------------------------------

COMMUNITY = {
    "slug": "nhan-biet-thu-doan-tuyen-dung",
    "audience": ContentAudience.COMMUNITY,
    "pass_mark": 70,
    "gives_certificate": False,
    "needs_review": False,
    "vi": {
        "title": "Nhận biết thủ đoạn lừa đảo và tìm sự giúp đỡ",
        "summary": "Những lời mời việc làm, kết hôn, đi nước ngoài có thể là cái bẫy. Học cách "
        "nhận biết dấu hiệu và biết gọi ai khi cần giúp đỡ.",
    },
    "en": {
        "title": "Recognising recruitment tricks and getting help",
        "summary": "Offers of jobs, marriage or travel abroad can be traps. Learn to recognise "
        "the signs and know whom to call for help.",
    },
}

COMMUNITY_LESSONS = [
    {
        "slug": "dau-hieu-lua-dao",
        "vi": {
            "title": "Dấu hiệu của một lời mời đáng ngờ",
            "intro": "Kẻ xấu thường hứa hẹn việc nhẹ lương cao để lừa người đi xa.",
            "paragraphs": [
                "<p>Hãy cẩn thận khi ai đó, nhất là người mới quen trên mạng, hứa hẹn việc làm "
                "lương rất cao mà không cần kinh nghiệm, lo hết chi phí đi lại, hoặc muốn bạn "
                "đi ngay và giữ bí mật với gia đình.</p>",
                "<p>Một người chủ đàng hoàng không giữ giấy tờ tùy thân của bạn và luôn có hợp "
                "đồng rõ ràng để bạn đọc và giữ một bản.</p>",
            ],
            "heading": "Dấu hiệu cần cảnh giác",
            "points": [
                "Việc nhẹ, lương cao bất thường, không cần kinh nghiệm.",
                "Được lo hết chi phí, phải đi gấp.",
                "Bị dặn giữ bí mật với gia đình.",
                "Người khác giữ hộ chiếu, căn cước của bạn.",
            ],
        },
        "en": {
            "title": "Signs of a suspicious offer",
            "intro": "Traffickers often promise easy, well-paid work to lure people far away.",
            "paragraphs": [
                "<p>Be careful when someone, especially a new acquaintance online, promises a "
                "very well-paid job needing no experience, pays for all your travel, or wants "
                "you to leave at once and keep it secret from your family.</p>",
                "<p>A genuine employer does not keep your identity papers and always gives you "
                "a clear contract to read and keep a copy of.</p>",
            ],
            "heading": "Warning signs",
            "points": [
                "Easy work with unusually high pay, no experience needed.",
                "All costs paid, you must leave in a hurry.",
                "You are told to keep it secret from your family.",
                "Someone else keeps your passport or ID card.",
            ],
        },
    },
    {
        "slug": "tim-su-giup-do",
        "vi": {
            "title": "Tìm sự giúp đỡ ở đâu",
            "intro": "Khi nghi ngờ, đừng đi một mình và đừng giữ im lặng.",
            "paragraphs": [
                "<p>Trước khi đi làm xa, hãy kiểm tra thông tin công ty với chính quyền địa "
                "phương, báo cho gia đình nơi bạn đến và giữ bản sao giấy tờ.</p>",
                "<p>Nếu bạn hoặc người quen bị lừa, bị giữ lại hoặc bị bán, hãy gọi ngay. "
                "Trong trường hợp khẩn cấp, gọi Cảnh sát <b>113</b>.</p>",
            ],
            "hotline": "Gọi tổng đài khi bạn nghi ngờ hoặc cần giúp đỡ:",
            "heading": "Ghi nhớ",
            "points": [
                "Báo cho gia đình trước khi đi.",
                "Giữ bản sao giấy tờ tùy thân.",
                "Khẩn cấp: gọi 113.",
            ],
        },
        "en": {
            "title": "Where to get help",
            "intro": "When in doubt, do not go alone and do not stay silent.",
            "paragraphs": [
                "<p>Before going to work far away, check the company with the local "
                "authorities, tell your family where you are going and keep copies of your "
                "papers.</p>",
                "<p>If you or someone you know is deceived, held or sold, call at once. In an "
                "emergency, call the police on <b>113</b>.</p>",
            ],
            "hotline": "Call the hotline when you are in doubt or need help:",
            "heading": "Remember",
            "points": [
                "Tell your family before you leave.",
                "Keep copies of your identity papers.",
                "Emergency: call 113.",
            ],
        },
    },
]

COMMUNITY_QUIZ = {
    "slug": "kiem-tra-nhan-biet-thu-doan",
    "attempt_limit": None,
    "vi": {"title": "Bài kiểm tra: nhận biết và tìm giúp đỡ", "intro": "9 câu hỏi ngắn."},
    "en": {"title": "Quiz: recognise and get help", "intro": "9 short questions."},
    "questions": [
        choice(
            "single_choice",
            "Một người mới quen trên mạng mời bạn sang nước ngoài làm việc nhẹ, lương rất cao, "
            "không cần kinh nghiệm, lo hết chi phí và muốn bạn đi ngay. Bạn nên nghĩ gì?",
            "Someone you just met online offers easy, very well-paid work abroad, no experience "
            "needed, all costs paid, and wants you to leave at once. What should you think?",
            [
                (
                    "Đây có thể là thủ đoạn lừa đảo, mua bán người",
                    "This may be a trafficking trick",
                    True,
                ),
                ("Đây là cơ hội tốt, nên đi ngay", "A great chance, leave at once", False),
                ("Chỉ cần hỏi bạn bè trên mạng", "Just ask friends online", False),
            ],
            "Việc nhẹ lương cao, lo hết chi phí và phải đi gấp là những dấu hiệu thường gặp.",
            "Easy well-paid work, all costs paid and a hurry to leave are common warning signs.",
        ),
        tf(
            "Người chủ giữ hộ chiếu hoặc căn cước của người lao động là chuyện bình thường.",
            "An employer keeping a worker's passport or ID card is normal.",
            "false",
            "Sai. Bị giữ giấy tờ tùy thân là dấu hiệu bạn có thể bị kiểm soát.",
            "False. Having your papers kept is a sign you may be controlled.",
        ),
        choice(
            "multiple_choice",
            "Những dấu hiệu nào dưới đây cần cảnh giác?",
            "Which of these are warning signs?",
            [
                (
                    "Bị dặn giữ bí mật với gia đình",
                    "Being told to keep it secret from family",
                    True,
                ),
                (
                    "Lương cao bất thường cho việc rất dễ",
                    "Unusually high pay for very easy work",
                    True,
                ),
                ("Người môi giới giữ giấy tờ của bạn", "The broker keeps your papers", True),
                (
                    "Có hợp đồng rõ ràng, bạn được giữ một bản",
                    "A clear contract, and you keep a copy",
                    False,
                ),
            ],
            "Ba dấu hiệu đầu cần cảnh giác; hợp đồng rõ ràng là điều nên có.",
            "The first three are warning signs; a clear contract is what you should expect.",
        ),
        tf(
            "Người mới quen trên mạng nhanh chóng cầu hôn và muốn đưa bạn ra nước ngoài ngay: "
            "bạn nên cẩn thận.",
            "A new online acquaintance quickly proposes marriage and wants to take you abroad at "
            "once: you should be careful.",
            "true",
            "Đúng. Lời hứa kết hôn cũng có thể là cái bẫy.",
            "True. A promise of marriage can also be a trap.",
        ),
        choice(
            "single_choice",
            "Trước khi đi làm xa, việc nào nên làm?",
            "Before going to work far away, what should you do?",
            [
                (
                    "Kiểm tra công ty với chính quyền địa phương và báo cho gia đình",
                    "Check the company with the local authorities and tell your family",
                    True,
                ),
                (
                    "Đưa hết giấy tờ gốc cho người môi giới giữ",
                    "Give all your original papers to the broker",
                    False,
                ),
                ("Không nói với ai cho an toàn", "Tell nobody, to be safe", False),
            ],
            "Kiểm tra thông tin, báo cho gia đình và giữ bản sao giấy tờ giúp bạn an toàn hơn.",
            "Checking, telling your family and keeping copies of your papers make you safer.",
        ),
        choice(
            "single_choice",
            "Số điện thoại khẩn cấp của Cảnh sát là số nào?",
            "What is the police emergency number?",
            [("113", "113", True), ("114", "114", False), ("115", "115", False)],
            "113 là số Cảnh sát khẩn cấp (114 cứu hỏa, 115 cấp cứu y tế).",
            "113 is the police emergency number (114 fire, 115 ambulance).",
        ),
        tf(
            "Nạn nhân của mua bán người có thể là phụ nữ, nam giới và trẻ em.",
            "Victims of trafficking can be women, men and children.",
            "true",
            "Đúng. Bất kỳ ai cũng có thể bị lừa; hãy cảnh giác cho bản thân và người thân.",
            "True. Anyone can be deceived; watch out for yourself and your family.",
        ),
        choice(
            "single_choice",
            "Bạn của bạn nhắn tin rằng cô ấy bị giữ lại và không được về. Bạn nên làm gì?",
            "Your friend messages that she is being held and cannot come home. What should you do?",
            [
                (
                    "Gọi ngay cho Cảnh sát hoặc tổng đài để báo",
                    "Call the police or the hotline at once",
                    True,
                ),
                ("Một mình đi tìm và đưa bạn về", "Go alone to find and bring her back", False),
                ("Chờ vài tuần xem sao", "Wait a few weeks and see", False),
            ],
            "Hãy báo ngay cho cơ quan chức năng; tự đi giải cứu có thể nguy hiểm cho cả hai.",
            "Report it at once; going alone to rescue her can put you both in danger.",
        ),
        tf(
            "Ngày 30/7 hằng năm là Ngày toàn dân phòng, chống mua bán người.",
            "30 July each year is the National Day against Human Trafficking.",
            "true",
            "Đúng, theo Quyết định 793/QĐ-TTg năm 2016.",
            "True, under Decision 793/QĐ-TTg of 2016.",
        ),
    ],
}

COURSES = [
    (STAFF, STAFF_LESSONS, STAFF_QUIZ),
    (COMMUNITY, COMMUNITY_LESSONS, COMMUNITY_QUIZ),
]


def lesson_body(lesson: dict, language: str) -> list[dict]:
    text = lesson[language]
    key = lesson["slug"]
    body = [
        {"type": "paragraph", "value": html, "id": block_id(key, "p", n)}
        for n, html in enumerate(text["paragraphs"])
    ]
    if "hotline" in text:
        body.append(
            {"type": "hotline", "value": {"text": text["hotline"]}, "id": block_id(key, "hotline")}
        )
    body.append(
        {
            "type": "key_points",
            "value": {
                "heading": text["heading"],
                "points": [
                    {"type": "item", "value": point, "id": block_id(key, "point", n)}
                    for n, point in enumerate(text["points"])
                ],
            },
            "id": block_id(key, "key-points"),
        }
    )
    return body


# Vietnamese read on a phone, carefully, for learning: about 120 syllables a minute; a quiz
# question takes about a minute.
SYLLABLES_PER_MINUTE = 120


def reading_minutes(lesson: dict) -> int:
    text = lesson["vi"]
    words = " ".join([text["intro"], *text["paragraphs"], *text["points"]])
    syllables = len(strip_tags(words).split())
    return max(1, math.ceil(syllables / SYLLABLES_PER_MINUTE))


def course_minutes(lessons: list[dict], quiz: dict) -> int:
    return sum(reading_minutes(lesson) for lesson in lessons) + len(quiz["questions"])


def quiz_questions(quiz: dict, language: str) -> list[dict]:
    stream = []
    for number, (kind, question, answer, explanation) in enumerate(quiz["questions"]):
        qid = block_id(quiz["slug"], number)
        value = {"question": question[language], "explanation": explanation[language]}
        if kind == "true_false":
            value["answer"] = answer
        else:
            value["options"] = [
                {
                    "type": "item",
                    "value": {"text": vi if language == "vi" else en, "is_correct": correct},
                    "id": block_id(quiz["slug"], number, option),
                }
                for option, (vi, en, correct) in enumerate(answer)
            ]
        stream.append({"type": kind, "value": value, "id": qid})
    return stream


@transaction.atomic
def load(*, out) -> CourseIndexPage:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=vi)

    index = _child(home, CourseIndexPage, INDEX["slug"], INDEX["vi"], out)
    _translate(index, en, INDEX["en"], out)
    for course_data, lessons, quiz in COURSES:
        fields = {
            **course_data["vi"],
            **{
                key: course_data[key]
                for key in (
                    "audience",
                    "pass_mark",
                    "gives_certificate",
                    "needs_review",
                )
            },
        }
        fields["estimated_minutes"] = course_minutes(lessons, quiz)
        course = _child(index, CoursePage, course_data["slug"], fields, out)
        _translate(course, en, course_data["en"], out)
        for lesson in lessons:
            for language, locale_page in (("vi", None), ("en", en)):
                text = lesson[language]
                fields = {
                    "title": text["title"],
                    "intro": text["intro"],
                    "body": lesson_body(lesson, language),
                    "estimated_minutes": reading_minutes(lesson),
                }
                if locale_page is None:
                    page = _child(course, LessonPage, lesson["slug"], fields, out)
                else:
                    _translate(page, en, fields, out)
        for language in ("vi", "en"):
            fields = {
                **quiz[language],
                "questions": quiz_questions(quiz, language),
                "attempt_limit": quiz["attempt_limit"],
                "estimated_minutes": len(quiz["questions"]),
            }
            if language == "vi":
                page = _child(course, QuizPage, quiz["slug"], fields, out)
            else:
                _translate(page, en, fields, out)
    return index


def _child(parent: Page, model, slug: str, fields: dict, out):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    out(f"Created {model.__name__}: {page.title}")
    return page


def _translate(page: Page, locale: Locale, fields: dict, out):
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.slug = slugify(fields["title"])
    translation.save_revision().publish()
    out(f"Translated into {locale.language_code}: {translation.title}")
    return translation
