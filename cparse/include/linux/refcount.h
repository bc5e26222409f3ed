/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: saturating reference counters */
#ifndef _PCSLINT_LINUX_REFCOUNT_H
#define _PCSLINT_LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/spinlock_types.h>

struct mutex;

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }

void refcount_set(refcount_t *r, int n);
unsigned int refcount_read(const refcount_t *r);
void refcount_inc(refcount_t *r);
void refcount_dec(refcount_t *r);
bool __must_check refcount_inc_not_zero(refcount_t *r);
bool __must_check refcount_dec_and_test(refcount_t *r);
bool __must_check refcount_dec_not_one(refcount_t *r);
bool __must_check refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock);
bool __must_check refcount_dec_and_lock(refcount_t *r, spinlock_t *lock);

#endif /* _PCSLINT_LINUX_REFCOUNT_H */
