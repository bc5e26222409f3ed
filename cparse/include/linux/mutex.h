/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: sleeping locks and their guards */
#ifndef _PCSLINT_LINUX_MUTEX_H
#define _PCSLINT_LINUX_MUTEX_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/cleanup.h>
#include <linux/lockdep_types.h>
#include <linux/spinlock_types.h>

struct device;

struct mutex {
	atomic_long_t		owner;
	raw_spinlock_t		wait_lock;
	struct list_head	wait_list;
};

#define __MUTEX_INITIALIZER(lockname)					\
		{ .owner = ATOMIC_LONG_INIT(0),				\
		  .wait_lock = __RAW_SPIN_LOCK_UNLOCKED(lockname.wait_lock), \
		  .wait_list = LIST_HEAD_INIT(lockname.wait_list) }

#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);

#define mutex_init(mutex)						\
do {									\
	static struct lock_class_key __key;				\
									\
	__mutex_init((mutex), #mutex, &__key);				\
} while (0)

void mutex_destroy(struct mutex *lock);
int __devm_mutex_init(struct device *dev, struct mutex *lock);
#define devm_mutex_init(dev, mutex)	__devm_mutex_init(dev, mutex)

void mutex_lock(struct mutex *lock) __acquires(lock);
int __must_check mutex_lock_interruptible(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock) __releases(lock);
bool mutex_is_locked(struct mutex *lock);

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
DEFINE_GUARD_COND(mutex, _try, mutex_trylock(_T))
DEFINE_GUARD_COND(mutex, _intr, mutex_lock_interruptible(_T) == 0)

#endif /* _PCSLINT_LINUX_MUTEX_H */
