"""Understanding a question by composition: names, time, relation cues and answer types, then scoring.

:mod:`~kg.understanding.text` splits a question into tokens kg compares as it compares names;
:mod:`~kg.understanding.mentions` finds the people and organisations named (through the backend's
name index); :mod:`~kg.understanding.times` the time expressions; :mod:`~kg.understanding.parse`
the shared words (answer types, role particles, filters) and each catalogue question's own cues,
and :mod:`~kg.understanding.choose` scores the questions and fills the chosen one's parameters.
"""
