/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: MII registers (a few) */
#ifndef _PCSLINT_LINUX_MII_H
#define _PCSLINT_LINUX_MII_H

#include <linux/types.h>

#define MII_BMCR		0x00
#define MII_BMSR		0x01
#define MII_PHYSID1		0x02
#define MII_PHYSID2		0x03
#define MII_ADVERTISE		0x04
#define MII_LPA			0x05

#define BMCR_RESET		0x8000
#define BMCR_LOOPBACK		0x4000
#define BMCR_SPEED100		0x2000
#define BMCR_ANENABLE		0x1000
#define BMCR_PDOWN		0x0800
#define BMCR_ANRESTART		0x0200
#define BMCR_FULLDPLX		0x0100
#define BMCR_SPEED1000		0x0040

#define BMSR_LSTATUS		0x0004
#define BMSR_ANEGCOMPLETE	0x0020

#endif /* _PCSLINT_LINUX_MII_H */
