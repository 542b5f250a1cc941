// Node from kubernetes-types (core/v1).
import type { Node } from 'kubernetes-types/core/v1';

export type NodeKind = Node;
