"""Model validation: credit codes, contact block, region structure, memberships."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency, Membership

pytestmark = pytest.mark.django_db


def test_credit_code_is_validated_with_a_chinese_message():
    agency = Agency(name="某某局", credit_code="91350100M000100Y44")
    with pytest.raises(ValidationError) as caught:
        agency.full_clean()
    assert "校验位错误" in " ".join(caught.value.message_dict["credit_code"])


def test_credit_code_is_stored_normalised():
    agency = Agency(name="某某局", credit_code=" 91350100m000100y43 ")
    agency.full_clean()
    agency.save()
    assert Agency.objects.get().credit_code == "91350100M000100Y43"


def test_credit_code_is_unique_but_may_be_blank_many_times():
    Agency.objects.create(name="甲局", credit_code="91350100M000100Y43")
    Agency.objects.create(name="甲局内设机构一")
    Agency.objects.create(name="甲局内设机构二")
    duplicate = Agency(name="乙局", credit_code="91350100m000100y43")
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert "已有机构使用该统一社会信用代码" in str(caught.value)
    Agency(name="甲局内设机构三").full_clean()


def test_contact_block_validation():
    agency = Agency(name="某某局", postcode="25500", email="not-an-email", website="not a url")
    with pytest.raises(ValidationError) as caught:
        agency.full_clean()
    errors = caught.value.message_dict
    assert "邮政编码应为 6 位数字" in errors["postcode"]
    assert set(errors) == {"postcode", "email", "website"}


def test_level_choices_have_chinese_labels():
    assert dict(Agency.Level.choices) == {
        "government": "人民政府",
        "department": "政府部门",
        "township": "乡镇（街道）",
        "other": "其他",
    }
    assert dict(Membership.Role.choices) == {
        "officer": "经办人",
        "approver": "负责人（审核人）",
        "viewer": "查看",
        "supervisor": "监督",
    }


def test_every_field_has_a_chinese_verbose_name():
    for model in (Agency, Membership):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(model._meta.verbose_name))
        for field in model._meta.get_fields():
            if field.auto_created or not hasattr(field, "verbose_name") or field.name == "id":
                continue
            name = str(field.verbose_name)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in name), f"{model.__name__}.{field.name}: {name}"


def test_parent_cannot_create_a_cycle(region):
    region.city.parent = region.street
    with pytest.raises(ValidationError) as caught:
        region.city.full_clean()
    assert "循环" in caught.value.message_dict["parent"][0]
    region.county.parent = region.county
    with pytest.raises(ValidationError):
        region.county.full_clean()


def test_parent_is_protected(region):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        region.county.delete()


def test_membership_role_is_unique_per_user_and_agency(region, make_user):
    user = make_user()
    Membership.objects.create(user=user, agency=region.county, role=Membership.Role.OFFICER)
    Membership(user=user, agency=region.county, role=Membership.Role.APPROVER).full_clean()
    with pytest.raises(ValidationError):
        Membership(user=user, agency=region.county, role=Membership.Role.OFFICER).full_clean()


def test_inactive_users_and_agencies_get_no_new_roles(region, make_user):
    with pytest.raises(ValidationError) as caught:
        Membership(user=make_user(is_active=False), agency=region.county, role="officer").full_clean()
    assert "已停用" in caught.value.message_dict["user"][0]
    region.street.is_active = False
    region.street.save()
    with pytest.raises(ValidationError) as caught:
        Membership(user=make_user(), agency=region.street, role="officer").full_clean()
    assert "已停用" in caught.value.message_dict["agency"][0]


def test_user_full_name(make_user):
    user = make_user("zhangsan", full_name="张三")
    assert str(user) == "张三（zhangsan）"
    assert user.get_full_name() == "张三"
    assert str(make_user("lisi")) == "lisi"
