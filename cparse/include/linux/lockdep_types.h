/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_LOCKDEP_TYPES_H
#define _PCSLINT_LINUX_LOCKDEP_TYPES_H

struct lock_class_key {
	int __pcslint_unused;
};

#define lockdep_assert_held(l)		do { (void)(l); } while (0)
#define lockdep_assert_not_held(l)	do { (void)(l); } while (0)

#endif /* _PCSLINT_LINUX_LOCKDEP_TYPES_H */
