/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: read-write semaphores (minimal) */
#ifndef _PCSLINT_LINUX_RWSEM_H
#define _PCSLINT_LINUX_RWSEM_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/cleanup.h>
#include <linux/spinlock_types.h>

struct rw_semaphore {
	atomic_long_t count;
	atomic_long_t owner;
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
};

#define __RWSEM_INITIALIZER(name)				\
	{ .count = ATOMIC_LONG_INIT(0),				\
	  .owner = ATOMIC_LONG_INIT(0),				\
	  .wait_lock = __RAW_SPIN_LOCK_UNLOCKED(name.wait_lock),	\
	  .wait_list = LIST_HEAD_INIT((name).wait_list) }

#define DECLARE_RWSEM(name) \
	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);
#define init_rwsem(sem)						\
do {								\
	static struct lock_class_key __key;			\
								\
	__init_rwsem((sem), #sem, &__key);			\
} while (0)

void down_read(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))

#endif /* _PCSLINT_LINUX_RWSEM_H */
