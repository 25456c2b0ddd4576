"""The course page's sections added by activity apps (cms.activities.register_course_section),
so the course template names no activity app."""

from django import template
from django.utils.html import format_html_join

from cms import activities

register = template.Library()


@register.simple_tag(takes_context=True)
def course_sections(context, course):
    sections = activities.course_sections(context, course)
    return format_html_join("", "{}", ((html,) for html in sections))
