import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { listMembers } from "../../members/members.api";
import { getMeeting } from "../review.api";

/**
 * The owner of an item, as the server accepts one: an attendee of the meeting that raised it,
 * or a current member of the organization (searched by name, as a branch may be large).
 */
export function OwnerSelect({
  orgId,
  meetingId,
  value,
  onChange,
  id,
  onName,
}: {
  orgId: number;
  meetingId: number | null;
  value?: number;
  onChange?: (v: number) => void;
  id?: string;
  /** The chosen owner's name, for the confirmation that names them. */
  onName?: (name: string) => void;
}) {
  const [name, setName] = useState("");
  const meeting = useQuery({
    queryKey: ["review", "meeting", meetingId],
    queryFn: () => getMeeting(meetingId as number),
    enabled: meetingId !== null,
  });
  const members = useQuery({
    queryKey: ["members", "pick", orgId, name],
    queryFn: () => listMembers({ orgId, name: name || undefined, pageSize: 100 }),
    enabled: meetingId === null,
  });
  const options =
    meetingId !== null
      ? (meeting.data?.attendees ?? []).map((a) => ({ value: a.memberId, label: a.name }))
      : (members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: number, option) => {
        onChange?.(v);
        if (option && !Array.isArray(option)) onName?.(String(option.label));
      }}
      loading={meeting.isLoading || members.isLoading}
      showSearch={
        meetingId !== null
          ? { optionFilterProp: "label" }
          : { filterOption: false, onSearch: (text) => setName(text.trim()) }
      }
      options={options}
    />
  );
}
