# Cython declarations for khabar/tokens.py (an "augmenting" .pxd: the .py stays plain Python and runs
# uncompiled as well). See that module's docstring.
cimport cython

# Tokens hold only strings, ints, None and int tuples: no reference cycles, so the cyclic GC need not
# track them (allocating them then never triggers a collection); a free list reuses freed tokens' memory.
@cython.no_gc
@cython.freelist(4096)
cdef class Token:
    cdef public object start, end, text, lemma, pos, xpos, feats, surface

@cython.locals(tok=Token)
cdef Token _token(object start, object end, object text, object surface)

@cython.locals(out=list, start=Py_ssize_t, size=Py_ssize_t, rel_start=Py_ssize_t, rel_end=Py_ssize_t)
cpdef list build_tokens(list pieces, object layouts)
