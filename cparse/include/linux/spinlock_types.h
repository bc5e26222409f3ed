/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_SPINLOCK_TYPES_H
#define _PCSLINT_LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>
#include <linux/lockdep_types.h>

typedef struct raw_spinlock {
	unsigned int raw_lock;
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	{ .raw_lock = 0 }
#define __SPIN_LOCK_UNLOCKED(lockname) \
	(spinlock_t) { .rlock = __RAW_SPIN_LOCK_UNLOCKED(lockname) }

#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#endif /* _PCSLINT_LINUX_SPINLOCK_TYPES_H */
