/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: the embedding structure of a member */
#ifndef _PCSLINT_LINUX_CONTAINER_OF_H
#define _PCSLINT_LINUX_CONTAINER_OF_H

#include <linux/build_bug.h>
#include <linux/stddef.h>

#define typeof_member(T, m)	typeof(((T *)0)->m)

/*
 * A GNU statement expression, as in the kernel: the member pointer minus
 * the member's offset, after a check that ptr points to such a member.
 */
#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	static_assert(__same_type(*(ptr), ((type *)0)->member) ||	\
		      __same_type(*(ptr), void),			\
		      "pointer type mismatch in container_of()");	\
	((type *)(__mptr - offsetof(type, member))); })

/* keeps the constness of ptr */
#define container_of_const(ptr, type, member)				\
	_Generic(ptr,							\
		const typeof(*(ptr)) *: ((const type *)container_of(ptr, type, member)),\
		default: ((type *)container_of(ptr, type, member)))

#endif /* _PCSLINT_LINUX_CONTAINER_OF_H */
