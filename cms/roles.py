"""Who may do what: the platform's roles, their groups and model permissions, and one function
per access rule. This module is the only place where a role's rights are written down; views,
admin views and hooks ask the functions below, never `is_staff` or "can access the admin".

| role            | group (in the database)  | label (pl)        |
|-----------------|--------------------------|-------------------|
| anonymous       | –                        | anonimowy gość    |
| participant     | – (any active account)   | uczestnik         |
| moderator       | Moderators (Wagtail's)   | moderator         |
| editor          | Editors (Wagtail's)      | redaktor          |
| programme staff | Programme staff          | zespół programu   |
| administrator   | – (a superuser)          | administrator     |

Admin access alone opens no personal data: every staff view checks one of the model
permissions below. The group names stay in English because Wagtail's own migrations create
"Editors" and "Moderators" under those names and the dashboard's advisor field filters on
"Programme staff"; people see the translated labels. An administrator is a superuser: every
permission, every page and collection, and the only one who deactivates staff accounts.

`sync_groups()` makes each group hold exactly the model permissions listed here (page and
collection permissions are left to Wagtail and the demo loader). It runs after every `migrate`
(post_migrate, see `cms.apps`), so a permission given by hand in the admin is taken back on the
next deploy: change this module instead.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

ANONYMOUS = "anonymous"
PARTICIPANT = "participant"
MODERATOR = "moderator"
EDITOR = "editor"
PROGRAMME_STAFF = "programme_staff"
ADMINISTRATOR = "administrator"

LABELS = {
    ANONYMOUS: _("anonymous visitor"),
    PARTICIPANT: _("participant"),
    MODERATOR: _("moderator"),
    EDITOR: _("editor"),
    PROGRAMME_STAFF: _("programme staff"),
    ADMINISTRATOR: _("administrator"),
}

GROUPS = {
    MODERATOR: "Moderators",
    EDITOR: "Editors",
    PROGRAMME_STAFF: "Programme staff",
}

# --- the permissions staff views check ----------------------------------------------------------
# Custom ones are declared in the models' Meta.permissions; the others are Django's defaults.

ACCESS_ADMIN = "wagtailadmin.access_admin"
VIEW_PARTICIPANT_REPORT = "courses.view_participant_report"
EXPORT_PARTICIPANTS = "courses.export_participants"
BULK_ENROL = "courses.bulk_enrol"
VIEW_CERTIFICATE_REGISTER = "certificates.view_certificate_register"
DOWNLOAD_ANY_CERTIFICATE = "certificates.download_any_certificate"
VIEW_QUIZ_RESULTS = "quizzes.view_quiz_results"
GRANT_EXTRA_ATTEMPT = "quizzes.grant_extra_attempt"
EDIT_QUIZZES = "quizzes.change_quiz"
VIEW_H5P_STATEMENTS = "h5p.view_h5p_statements"
MANAGE_REGISTRATIONS = "events.manage_registrations"
RECORD_ATTENDANCE = "events.record_attendance"
EXPORT_REGISTRATIONS = "events.export_registrations"
SEND_NEWSLETTER = "newsletter.add_dispatch"
IMPORT_SUBSCRIBERS = "newsletter.add_subscriber"
IMPORT_PRACTICES = "practices.import_practices"
MODERATE_PROPOSALS = "practices.change_practiceproposal"
VIEW_DASHBOARD = "dashboard.view_dashboard"
EXPORT_RECORDS = "dashboard.export_records"
MANAGE_DATA_RIGHTS = "dashboard.manage_data_rights"
ERASE_ACCOUNTS = "dashboard.erase_accounts"
DEACTIVATE_STAFF_ACCOUNTS = "dashboard.deactivate_staff_accounts"
VIEW_UNANSWERED_SEARCHES = "cms.view_unansweredsearch"
VIEW_JST_APPLICATIONS = "recruitment.view_application"
SCORE_JST_APPLICATIONS = "recruitment.score_applications"
SELECT_JST_APPLICATIONS = "recruitment.select_applications"
EXPORT_JST_APPLICATIONS = "recruitment.export_applications"


def _crud(label, *actions):
    """`app.model` with Django's default permissions (all four unless `actions` are given)."""
    app, model = label.split(".")
    return [f"{app}.{action}_{model}" for action in actions or ("add", "change", "delete", "view")]


MODERATOR_PERMISSIONS = [
    ACCESS_ADMIN,
    *_crud("practices.practiceproposal", "change", "view"),
]

EDITOR_PERMISSIONS = [
    *MODERATOR_PERMISSIONS,
    *_crud("practices.instrument"),
    IMPORT_PRACTICES,
    *_crud("courses.courseinvitation"),
    *_crud("certificates.certificatesettings", "change", "view"),
    *_crud("quizzes.quiz"),
    *_crud("quizzes.coursequizrole"),
    *_crud("h5p.h5ppackage"),
    *_crud("h5p.h5plibrary", "view"),
    *_crud("events.session"),
    *_crud("events.eventquestion"),
    *_crud("events.eventconsent"),
    *_crud("newsletter.newsletterlist"),
    *_crud("newsletter.consenttext"),
    # Sending an issue also needs the right to edit its page; so editors send.
    SEND_NEWSLETTER,
    *_crud("newsletter.dispatch", "change", "view"),
    *_crud("wagtailimages.image"),
    *_crud("wagtaildocs.document"),
    *_crud("wagtailredirects.redirect"),
    *_crud("cms.searchsynonym"),
    *_crud("wagtailsearchpromotions.searchpromotion"),
    VIEW_UNANSWERED_SEARCHES,
    "wagtail_localize.submit_translation",
    "wagtailimages.choose_image",
    "wagtaildocs.choose_document",
]

PROGRAMME_STAFF_PERMISSIONS = [
    ACCESS_ADMIN,
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    VIEW_PARTICIPANT_REPORT,
    EXPORT_PARTICIPANTS,
    BULK_ENROL,
    VIEW_CERTIFICATE_REGISTER,
    DOWNLOAD_ANY_CERTIFICATE,
    VIEW_QUIZ_RESULTS,
    GRANT_EXTRA_ATTEMPT,
    VIEW_H5P_STATEMENTS,
    MANAGE_REGISTRATIONS,
    RECORD_ATTENDANCE,
    EXPORT_REGISTRATIONS,
    *_crud("newsletter.subscriber"),
    *_crud("newsletter.suppressedaddress"),
    VIEW_DASHBOARD,
    EXPORT_RECORDS,
    MANAGE_DATA_RIGHTS,
    ERASE_ACCOUNTS,
    *_crud("dashboard.indicator", "change", "view"),
    *_crud("dashboard.supportedjst"),
    VIEW_JST_APPLICATIONS,
    SCORE_JST_APPLICATIONS,
    SELECT_JST_APPLICATIONS,
    EXPORT_JST_APPLICATIONS,
]

PERMISSIONS = {
    MODERATOR: MODERATOR_PERMISSIONS,
    EDITOR: EDITOR_PERMISSIONS,
    PROGRAMME_STAFF: PROGRAMME_STAFF_PERMISSIONS,
}


def permission_objects(names, *, strict=True):
    """The Permission rows; a missing one raises, unless `strict` is off (a flushed test database
    lacks the few that packages create in migrations, e.g. wagtail_localize's)."""
    from django.contrib.auth.models import Permission

    found = {}
    for name in names:
        app_label, codename = name.split(".")
        found[name] = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
    missing = [name for name, perm in found.items() if perm is None]
    if missing and strict:
        raise LookupError(f"permissions not in the database: {', '.join(missing)}")
    return [perm for perm in found.values() if perm is not None]


def sync_group(role, *, strict=True):
    """Create the role's group and give it exactly the model permissions listed above."""
    from django.contrib.auth.models import Group

    group, _created = Group.objects.get_or_create(name=GROUPS[role])
    group.permissions.set(permission_objects(PERMISSIONS[role], strict=strict))
    return group


def sync_groups(*, strict=True):
    return [sync_group(role, strict=strict) for role in GROUPS]


def sync_after_migrate(sender, using="default", **kwargs):
    """post_migrate is sent once per app; the groups are synced after the last one. This receiver
    is connected before django.contrib.auth's, so the last app's permissions are created here
    first."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    last = [config for config in global_apps.get_app_configs() if config.models_module][-1]
    if sender.label == last.label:
        create_permissions(sender, verbosity=0, using=using)
        sync_groups(strict=False)


def add_to_role(user, role):
    if role == ADMINISTRATOR:
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    else:
        user.groups.add(sync_group(role))
    return user


# --- the rules ---------------------------------------------------------------------------------


def _active(user):
    return bool(user and user.is_authenticated and user.is_active)


def _perm(user, permission):
    return _active(user) and user.has_perm(permission)


def has_admin_access(user):
    """Reaches the Wagtail admin at all (every staff role does); opens no personal data."""
    return _perm(user, ACCESS_ADMIN)


def has_staff_standing(user):
    """Any way into an admin: Wagtail's (the permission), Django's (is_staff) or a superuser.
    Such accounts preview course content and must sign in with a second factor."""
    return _active(user) and (user.is_superuser or user.is_staff or has_admin_access(user))


def can_preview_course_content(user):
    """Reads lesson bodies without an enrolment: content, not people's data, so any role that
    edits or reviews content may."""
    return has_staff_standing(user)


def can_take_quiz_outside_course(user):
    """Opens a course's pre-/post-test without an enrolment (to check the quiz they wrote)."""
    return _active(user) and (user.is_staff or user.has_perm(EDIT_QUIZZES))


def can_view_participant_report(user):
    return _perm(user, VIEW_PARTICIPANT_REPORT)


def can_export_participants(user):
    return _perm(user, EXPORT_PARTICIPANTS)


def can_bulk_enrol(user):
    return _perm(user, BULK_ENROL)


def can_view_certificate_register(user):
    return _perm(user, VIEW_CERTIFICATE_REGISTER)


def can_download_certificate(user, certificate):
    """The holder downloads their own; only staff with the permission download anyone's."""
    if not _active(user):
        return False
    return certificate.user_id == user.pk or user.has_perm(DOWNLOAD_ANY_CERTIFICATE)


def can_view_quiz_results(user):
    return _perm(user, VIEW_QUIZ_RESULTS)


def can_grant_extra_attempt(user):
    return _perm(user, GRANT_EXTRA_ATTEMPT)


def can_view_h5p_statements(user):
    return _perm(user, VIEW_H5P_STATEMENTS)


def can_manage_registrations(user):
    return _perm(user, MANAGE_REGISTRATIONS)


def can_record_attendance(user):
    return _perm(user, RECORD_ATTENDANCE)


def can_export_registrations(user):
    return _perm(user, EXPORT_REGISTRATIONS)


def can_send_newsletter(user):
    return _perm(user, SEND_NEWSLETTER)


def can_import_subscribers(user):
    return _perm(user, IMPORT_SUBSCRIBERS)


def can_import_practices(user):
    return _perm(user, IMPORT_PRACTICES)


def can_view_dashboard(user):
    return _perm(user, VIEW_DASHBOARD)


def can_export_records(user):
    return _perm(user, EXPORT_RECORDS)


def can_manage_data_rights(user):
    return _perm(user, MANAGE_DATA_RIGHTS)


def can_erase_accounts(user):
    return _perm(user, ERASE_ACCOUNTS)


def can_deactivate_staff_accounts(user):
    return _perm(user, DEACTIVATE_STAFF_ACCOUNTS)


def can_view_jst_applications(user):
    return _perm(user, VIEW_JST_APPLICATIONS)


def can_score_jst_applications(user):
    """Scores applications to a JST recruitment call (and so sees them)."""
    return _perm(user, SCORE_JST_APPLICATIONS) and _perm(user, VIEW_JST_APPLICATIONS)


def can_select_jst_applications(user):
    return _perm(user, SELECT_JST_APPLICATIONS) and _perm(user, VIEW_JST_APPLICATIONS)


def can_export_jst_applications(user):
    return _perm(user, EXPORT_JST_APPLICATIONS) and _perm(user, VIEW_JST_APPLICATIONS)


def can_be_erased(subject):
    """Accounts with any staff standing are never erased through the data-rights tool (that
    would destroy the record of what they did); an administrator deactivates them. Group and
    own permissions are read directly: `has_perm` says nothing for an inactive account."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    if subject.is_staff or subject.is_superuser:
        return False
    app_label, codename = ACCESS_ADMIN.split(".")
    return not Permission.objects.filter(
        Q(user=subject) | Q(group__user=subject),
        content_type__app_label=app_label,
        codename=codename,
    ).exists()


# --- the admin menu ----------------------------------------------------------------------------


class PermissionMenuItem(MenuItem):
    """A menu item shown only to people who hold `permission` (the view checks it too)."""

    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return _perm(request.user, self.permission)
