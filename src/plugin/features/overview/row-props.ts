// Attributes every Overview row carries: the e2e hook (`data-test-row`) and, for the focused row, the highlight
// class and a ref that scrolls it into view.
import { scrollIntoViewRef } from './scroll-into-view';

export interface RowProps {
  'data-test-row': string;
  'data-focused'?: 'true';
  className?: string;
  ref?: (element: HTMLElement | null) => void;
}

export const rowProps = (name: string | undefined, focused: boolean): RowProps =>
  focused
    ? {
        'data-test-row': name ?? '',
        'data-focused': 'true',
        className: 'vm-disks-plugin__row--focused',
        ref: scrollIntoViewRef,
      }
    : { 'data-test-row': name ?? '' };
