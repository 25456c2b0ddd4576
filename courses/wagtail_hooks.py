"""Course reports and bulk enrolment in the Wagtail admin (Reports → Courses)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms import roles
from courses import admin_views

admin_urls = [
    path("", admin_views.course_list, name="list"),
    path("<id:pk>/", admin_views.participants, name="participants"),
    path("<id:pk>/uczestnik/<id:user_id>/", admin_views.participant, name="participant"),
    path("<id:pk>/zapisy/", admin_views.bulk_enrol, name="bulk_enrol"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("course-reports/", include((admin_urls, "courses_admin")))]


@hooks.register("register_reports_menu_item")
def register_reports_menu_item():
    return roles.PermissionMenuItem(
        _("Course participants"),
        reverse("courses_admin:list"),
        icon_name="user",
        order=700,
        permission=roles.VIEW_PARTICIPANT_REPORT,
    )
