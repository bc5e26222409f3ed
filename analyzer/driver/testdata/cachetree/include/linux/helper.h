/* the header the cache test edits: its includers must be redone */
#define PARENT_OF(np) of_get_parent(np)
