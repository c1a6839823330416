"""Who may see a complainant's contact details, and how they look to everyone else.

Contact details are shown in full only to the people handling that case: the centre's
complaint handlers and the staff of the department the case is assigned to. Lists, exports,
emails and logs always get the masked form."""


def mask_phone(phone):
    digits = "".join(c for c in phone or "" if c.isdigit())
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def mask_email(email):
    if not email or "@" not in email:
        return ""
    local, domain = email.rsplit("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_name(name):
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def is_handler(user):
    return user.is_active and user.has_perm("complaints.handle_cases")


def is_reform_office(user):
    return user.is_active and user.has_perm("complaints.decide_appeals")


def staff_departments(user):
    """Departments whose staff the user is: a group of theirs holds page permissions on the
    department page itself, the same grant that lets them edit its matters."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupPagePermission

    from cms_pages.departments import REFORM_OFFICE
    from cms_pages.models import DepartmentPage

    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_complaint_departments", None)
    if cached is None:
        cached = set(
            GroupPagePermission.objects.filter(
                group__user=user,
                page__content_type=ContentType.objects.get_for_model(DepartmentPage),
            )
            .exclude(group__name=REFORM_OFFICE)
            .values_list("page_id", flat=True)
        )
        user._complaint_departments = cached
    return cached


def may_see_contact(user, case):
    return is_handler(user) or (
        case.department_id is not None and case.department_id in staff_departments(user)
    )


def visible_cases(user, queryset):
    """Handlers and the reform office see every case; department staff only their own."""
    if is_handler(user) or is_reform_office(user):
        return queryset
    return queryset.filter(department_id__in=staff_departments(user))


def has_case_access(user):
    return is_handler(user) or is_reform_office(user) or bool(staff_departments(user))
