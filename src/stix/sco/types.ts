/** Wire-shape types of the 18 STIX Cyber-observable Objects (spec section 6). */
import type { Extensions, Hashes, Identifier, ScoCommonProperties, Timestamp } from '../common/types.js';
import type {
  ArchiveExt,
  EmailMimePart,
  HttpRequestExt,
  IcmpExt,
  NtfsExt,
  PdfExt,
  RasterImageExt,
  SocketExt,
  TcpExt,
  UnixAccountExt,
  WindowsPeBinaryExt,
  WindowsProcessExt,
  WindowsRegistryValue,
  WindowsServiceExt,
  X509V3Extensions,
} from './extension-types.js';

/** 6.1 */
export interface Artifact extends ScoCommonProperties<'artifact'> {
  readonly mime_type?: string;
  readonly payload_bin?: string;
  readonly url?: string;
  readonly hashes?: Hashes;
  readonly encryption_algorithm?: 'AES-256-GCM' | 'ChaCha20-Poly1305' | 'mime-type-indicated';
  readonly decryption_key?: string;
}

/** 6.2 */
export interface AutonomousSystem extends ScoCommonProperties<'autonomous-system'> {
  readonly number: number;
  readonly name?: string;
  readonly rir?: string;
}

/** 6.3 */
export interface Directory extends ScoCommonProperties<'directory'> {
  readonly path: string;
  readonly path_enc?: string;
  readonly ctime?: Timestamp;
  readonly mtime?: Timestamp;
  readonly atime?: Timestamp;
  readonly contains_refs?: readonly Identifier[];
}

/** 6.4 */
export interface DomainName extends ScoCommonProperties<'domain-name'> {
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier[];
}

/** 6.5 */
export interface EmailAddr extends ScoCommonProperties<'email-addr'> {
  readonly value: string;
  readonly display_name?: string;
  readonly belongs_to_ref?: Identifier;
}

/** 6.6 */
export interface EmailMessage extends ScoCommonProperties<'email-message'> {
  readonly is_multipart: boolean;
  readonly date?: Timestamp;
  readonly content_type?: string;
  readonly from_ref?: Identifier;
  readonly sender_ref?: Identifier;
  readonly to_refs?: readonly Identifier[];
  readonly cc_refs?: readonly Identifier[];
  readonly bcc_refs?: readonly Identifier[];
  readonly message_id?: string;
  readonly subject?: string;
  readonly received_lines?: readonly string[];
  readonly additional_header_fields?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
  readonly body_multipart?: readonly EmailMimePart[];
  readonly raw_email_ref?: Identifier;
}

/** 6.7 */
export interface File extends ScoCommonProperties<'file'> {
  readonly extensions?: Extensions & {
    readonly 'archive-ext'?: ArchiveExt;
    readonly 'ntfs-ext'?: NtfsExt;
    readonly 'pdf-ext'?: PdfExt;
    readonly 'raster-image-ext'?: RasterImageExt;
    readonly 'windows-pebinary-ext'?: WindowsPeBinaryExt;
  };
  readonly hashes?: Hashes;
  readonly size?: number;
  readonly name?: string;
  readonly name_enc?: string;
  readonly magic_number_hex?: string;
  readonly mime_type?: string;
  readonly ctime?: Timestamp;
  readonly mtime?: Timestamp;
  readonly atime?: Timestamp;
  readonly parent_directory_ref?: Identifier;
  readonly contains_refs?: readonly Identifier[];
  readonly content_ref?: Identifier;
}

/** 6.8 */
export interface Ipv4Addr extends ScoCommonProperties<'ipv4-addr'> {
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier[];
  readonly belongs_to_refs?: readonly Identifier[];
}

/** 6.9 */
export interface Ipv6Addr extends ScoCommonProperties<'ipv6-addr'> {
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier[];
  readonly belongs_to_refs?: readonly Identifier[];
}

/** 6.10 */
export interface MacAddr extends ScoCommonProperties<'mac-addr'> {
  readonly value: string;
}

/** 6.11 */
export interface Mutex extends ScoCommonProperties<'mutex'> {
  readonly name: string;
}

/** 6.12 */
export interface NetworkTraffic extends ScoCommonProperties<'network-traffic'> {
  readonly extensions?: Extensions & {
    readonly 'http-request-ext'?: HttpRequestExt;
    readonly 'icmp-ext'?: IcmpExt;
    readonly 'socket-ext'?: SocketExt;
    readonly 'tcp-ext'?: TcpExt;
  };
  readonly start?: Timestamp;
  readonly end?: Timestamp;
  readonly is_active?: boolean;
  readonly src_ref?: Identifier;
  readonly dst_ref?: Identifier;
  readonly src_port?: number;
  readonly dst_port?: number;
  readonly protocols: readonly string[];
  readonly src_byte_count?: number;
  readonly dst_byte_count?: number;
  readonly src_packets?: number;
  readonly dst_packets?: number;
  readonly ipfix?: Readonly<Record<string, string | number>>;
  readonly src_payload_ref?: Identifier;
  readonly dst_payload_ref?: Identifier;
  readonly encapsulates_refs?: readonly Identifier[];
  readonly encapsulated_by_ref?: Identifier;
}

/** 6.13 */
export interface Process extends ScoCommonProperties<'process'> {
  readonly extensions?: Extensions & {
    readonly 'windows-process-ext'?: WindowsProcessExt;
    readonly 'windows-service-ext'?: WindowsServiceExt;
  };
  readonly is_hidden?: boolean;
  readonly pid?: number;
  readonly created_time?: Timestamp;
  readonly cwd?: string;
  readonly command_line?: string;
  readonly environment_variables?: Readonly<Record<string, string>>;
  readonly opened_connection_refs?: readonly Identifier[];
  readonly creator_user_ref?: Identifier;
  readonly image_ref?: Identifier;
  readonly parent_ref?: Identifier;
  readonly child_refs?: readonly Identifier[];
}

/** 6.14 */
export interface Software extends ScoCommonProperties<'software'> {
  readonly name: string;
  readonly cpe?: string;
  readonly swid?: string;
  readonly languages?: readonly string[];
  readonly vendor?: string;
  readonly version?: string;
}

/** 6.15 */
export interface Url extends ScoCommonProperties<'url'> {
  readonly value: string;
}

/** 6.16 */
export interface UserAccount extends ScoCommonProperties<'user-account'> {
  readonly extensions?: Extensions & { readonly 'unix-account-ext'?: UnixAccountExt };
  readonly user_id?: string;
  readonly credential?: string;
  readonly account_login?: string;
  readonly account_type?: string;
  readonly display_name?: string;
  readonly is_service_account?: boolean;
  readonly is_privileged?: boolean;
  readonly can_escalate_privs?: boolean;
  readonly is_disabled?: boolean;
  readonly account_created?: Timestamp;
  readonly account_expires?: Timestamp;
  readonly credential_last_changed?: Timestamp;
  readonly account_first_login?: Timestamp;
  readonly account_last_login?: Timestamp;
}

/** 6.17 */
export interface WindowsRegistryKey extends ScoCommonProperties<'windows-registry-key'> {
  readonly key?: string;
  readonly values?: readonly WindowsRegistryValue[];
  readonly modified_time?: Timestamp;
  readonly creator_user_ref?: Identifier;
  readonly number_of_subkeys?: number;
}

/** 6.18 */
export interface X509Certificate extends ScoCommonProperties<'x509-certificate'> {
  readonly is_self_signed?: boolean;
  readonly hashes?: Hashes;
  readonly version?: string;
  readonly serial_number?: string;
  readonly signature_algorithm?: string;
  readonly issuer?: string;
  readonly validity_not_before?: Timestamp;
  readonly validity_not_after?: Timestamp;
  readonly subject?: string;
  readonly subject_public_key_algorithm?: string;
  readonly subject_public_key_modulus?: string;
  readonly subject_public_key_exponent?: number;
  readonly x509_v3_extensions?: X509V3Extensions;
}

/** Any STIX Cyber-observable Object. */
export type StixCyberObservableObject =
  | Artifact
  | AutonomousSystem
  | Directory
  | DomainName
  | EmailAddr
  | EmailMessage
  | File
  | Ipv4Addr
  | Ipv6Addr
  | MacAddr
  | Mutex
  | NetworkTraffic
  | Process
  | Software
  | Url
  | UserAccount
  | WindowsRegistryKey
  | X509Certificate;
