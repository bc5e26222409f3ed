/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_ATOMIC_H
#define _PCSLINT_LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

int atomic_read(const atomic_t *v);
void atomic_set(atomic_t *v, int i);
void atomic_inc(atomic_t *v);
void atomic_dec(atomic_t *v);
int atomic_inc_return(atomic_t *v);
int atomic_dec_return(atomic_t *v);
bool atomic_dec_and_test(atomic_t *v);
bool atomic_inc_not_zero(atomic_t *v);
long atomic_long_read(const atomic_long_t *v);
void atomic_long_set(atomic_long_t *v, long i);

#endif /* _PCSLINT_LINUX_ATOMIC_H */
