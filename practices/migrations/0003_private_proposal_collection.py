"""Make the collection of proposal attachments private (editors and moderators only) where it
already exists; new installations get the restriction when the first proposal creates the
collection (practices.services._collection). Idempotent."""

from django.db import migrations

PROPOSAL_COLLECTION = "Zgłoszenia dobrych praktyk"
REVIEWER_GROUPS = ("Editors", "Moderators")


def restrict(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    for collection in Collection.objects.filter(name=PROPOSAL_COLLECTION):
        restriction = CollectionViewRestriction.objects.filter(
            collection=collection, restriction_type="groups"
        ).first()
        if restriction is None:
            restriction = CollectionViewRestriction.objects.create(
                collection=collection, restriction_type="groups", password=""
            )
        restriction.groups.add(*Group.objects.filter(name__in=REVIEWER_GROUPS))


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_knowledge_base"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(restrict, migrations.RunPython.noop)]
