/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: the RTNL lock */
#ifndef _PCSLINT_LINUX_RTNETLINK_H
#define _PCSLINT_LINUX_RTNETLINK_H

#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/bug.h>
#include <linux/cleanup.h>

extern void rtnl_lock(void);
extern void rtnl_unlock(void);
extern int rtnl_trylock(void);
extern int rtnl_is_locked(void);
extern int rtnl_lock_killable(void);
extern bool refcount_dec_and_rtnl_lock(refcount_t *r);

DEFINE_LOCK_GUARD_0(rtnl, rtnl_lock(), rtnl_unlock())

#define ASSERT_RTNL() \
	WARN_ONCE(!rtnl_is_locked(), \
		  "RTNL: assertion failed at %s (%d)\n", __FILE__,  __LINE__)

#endif /* _PCSLINT_LINUX_RTNETLINK_H */
