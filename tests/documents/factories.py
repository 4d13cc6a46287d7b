import factory

from convene.documents.models import Document, Process
from tests.factories import UserFactory


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    slug = factory.Sequence(lambda n: f"process-{n}")
    title = factory.Sequence(lambda n: f"Movement Strategy {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    process = factory.SubFactory(ProcessFactory)
    slug = factory.Sequence(lambda n: f"doc-{n}")
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    working_group = "Advocacy"

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.add(*extracted)


def member_of(document):
    """Someone in the document's working group: they may write its versions and initiatives."""
    user = UserFactory()
    document.authors.add(user)
    return user


ITERATION_1 = """# Advocacy

A global network of Wikimedia advocates is built on community driven rules of engagement.

Community actively seeks and provides a good environment that attracts more people.

There is an established communication process for community advocates."""

ITERATION_2 = """# Advocacy

Transparency: A global network of Wikimedia advocates is built on community driven rules of engagement.

There is an established communication process for community advocates.

Protection of Advocates: advocates have access to clearly defined safety measures."""
