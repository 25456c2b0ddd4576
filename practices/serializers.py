"""API (v2) representations of the instrument vocabulary, shared by guides and practices."""

from rest_framework import serializers


def _instrument(instrument):
    return {"id": instrument.pk, "slug": instrument.slug, "name": instrument.name}


class InstrumentField(serializers.Field):
    def to_representation(self, value):
        return _instrument(value)


class InstrumentListField(serializers.Field):
    def to_representation(self, value):
        return [_instrument(i) for i in value.all()]


class ChoiceLabelField(serializers.Field):
    """A choice as {"value": ..., "label": ...}; used with `source` on the model field."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"value": value, "label": str(self.labels.get(value, value))}
