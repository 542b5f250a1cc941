import { GlobeAmericasIcon } from '@patternfly/react-icons';
import { Tooltip } from '@patternfly/react-core';
import type { FC } from 'react';
import { useEffect, useState } from 'react';

export interface TimestampProps {
  timestamp: string | undefined;
  simple?: boolean;
  omitSuffix?: boolean;
  className?: string;
}

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago" for recent times, the date otherwise, with the full UTC time in a tooltip. */
export const formatTimestamp = (date: Date, now: number, omitSuffix = false): string => {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return omitSuffix ? `${abs}s` : relative.format(seconds, 'second');
  if (abs < 3600)
    return omitSuffix
      ? `${Math.round(abs / 60)}m`
      : relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400)
    return omitSuffix
      ? `${Math.round(abs / 3600)}h`
      : relative.format(Math.round(seconds / 3600), 'hour');
  return absolute.format(date);
};

/** The current time, refreshed every 30 seconds so relative times stay right. */
const useNow = (): number => {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 30_000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return now;
};

export const Timestamp: FC<TimestampProps> = ({ timestamp, simple, omitSuffix, className }) => {
  const now = useNow();
  if (!timestamp) return <span className={className}>-</span>;
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return <span className={className}>-</span>;
  const text = formatTimestamp(date, now, omitSuffix);
  if (simple) return <span className={className}>{text}</span>;
  return (
    <Tooltip content={date.toISOString()}>
      <span className={['vm-disks-host__timestamp', className].filter(Boolean).join(' ')}>
        <GlobeAmericasIcon /> <time dateTime={date.toISOString()}>{text}</time>
      </span>
    </Tooltip>
  );
};
