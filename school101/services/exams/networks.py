"""The networks exams are taken from: CIDR lists parsed, checked and matched (no database).

The campus setting EXAM_NETWORKS bounds every room: a room's networks must lie inside it, so
no form can open an exam to the whole Internet. A client address matches when it lies in one
of the networks; an IPv4 address seen as IPv6 (::ffff:10.0.0.5) counts as its IPv4 self.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

MAX_NETWORKS = 32
_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass
class Parsed:
    """Networks read from a text, and one message per entry that is not a network."""

    networks: list[Network] = field(default_factory=list)
    errors: list = field(default_factory=list)


def split(text: str) -> list[str]:
    """The entries of a CIDR list separated by commas, semicolons, spaces or new lines."""
    return [part for part in _SEPARATORS.split(text or "") if part]


def parse(text: str) -> Parsed:
    """Read a CIDR list strictly: "10.0.0.1/24" (host bits set) is an error, not 10.0.0.0/24."""
    parsed = Parsed()
    for entry in split(text):
        try:
            network = ipaddress.ip_network(entry, strict=True)
        except ValueError:
            try:
                loose = ipaddress.ip_network(entry, strict=False)
            except ValueError:
                parsed.errors.append(
                    _l("“%(entry)s”: not an IPv4 or IPv6 network", entry=entry[:60])
                )
            else:
                parsed.errors.append(
                    _l(
                        "“%(entry)s”: host bits set (did you mean %(network)s?)",
                        entry=entry[:60],
                        network=str(loose),
                    )
                )
            continue
        if network not in parsed.networks:
            parsed.networks.append(network)
    return parsed


def campus(setting: str) -> list[Network]:
    """EXAM_NETWORKS as networks (entries that do not parse are ignored: nothing is opened)."""
    return parse(setting).networks


def outside(networks: list[Network], bounds: list[Network]) -> list[Network]:
    """The networks that do not lie inside any of `bounds`."""
    return [
        net
        for net in networks
        if not any(net.version == b.version and net.subnet_of(b) for b in bounds)
    ]


def as_text(networks: list[Network]) -> str:
    """How networks are stored: one per line."""
    return "\n".join(str(net) for net in networks)


def client_address(address: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's address, an IPv4-mapped IPv6 address as IPv4; None when not an address."""
    try:
        parsed = ipaddress.ip_address((address or "").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped
    return parsed


def contains(networks: list[Network], address: str | None) -> bool:
    """True when `address` lies in one of `networks`."""
    ip = client_address(address)
    return ip is not None and any(ip.version == net.version and ip in net for net in networks)
