"""The programme dashboard: indicators against the targets, the JST implementation tracker and
participants' data rights ("Moje dane").

Fed by domain events (courses.signals.course_completed, events.signals.attendance_marked) into
its own ledger of training records; it never reads the tables of courses or events. A JST
selected in a recruitment call (recruitment.signals.jst_selected) joins the tracker.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Programme indicators")

    def ready(self):
        # Models and their receivers can be imported only once the app registry is ready.
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from accounts.models import Profile
        from courses.signals import course_completed
        from events.signals import attendance_marked
        from recruitment.signals import jst_selected

        from . import handlers

        course_completed.connect(handlers.on_course_completed, dispatch_uid="dashboard_course")
        attendance_marked.connect(handlers.on_attendance_marked, dispatch_uid="dashboard_attend")
        jst_selected.connect(handlers.on_jst_selected, dispatch_uid="dashboard_jst_selected")
        post_save.connect(handlers.on_profile_saved, sender=Profile, dispatch_uid="dashboard_prof")
        post_save.connect(
            handlers.on_user_saved, sender=get_user_model(), dispatch_uid="dashboard_user"
        )
