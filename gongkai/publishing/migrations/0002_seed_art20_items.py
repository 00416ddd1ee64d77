"""Seed the fifteen items of 条例第二十条 (frozen here, from gongkai.statute.disclosure)."""

from django.db import migrations

ITEMS = [
    (1, '行政法规、规章和规范性文件'),
    (2, '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名'),
    (3, '国民经济和社会发展规划、专项规划、区域规划及相关政策'),
    (4, '国民经济和社会发展统计信息'),
    (5, '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果'),
    (6, '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定'),
    (7, '财政预算、决算信息'),
    (8, '行政事业性收费项目及其依据、标准'),
    (9, '政府集中采购项目的目录、标准及实施情况'),
    (10, '重大建设项目的批准和实施情况'),
    (11, '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况'),
    (12, '突发公共事件的应急预案、预警信息及应对情况'),
    (13, '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况'),
    (14, '公务员招考的职位、名额、报考条件等事项以及录用结果'),
    (15, '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息'),
]


def seed(apps, schema_editor):
    Art20Item = apps.get_model("publishing", "Art20Item")
    for number, text in ITEMS:
        Art20Item.objects.update_or_create(key=f"art20_{number}", defaults={"number": number, "text": text})


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
