"""The demo: sample people, events, documents, feedback and live questions drawn from the
Wikimedia Movement Strategy process, loaded by `python -m convene load_demo`.

It sits on top of every other app and may import any of them; none of them imports it.
"""
